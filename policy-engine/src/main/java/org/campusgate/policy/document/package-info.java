/** The policy document an admin writes (YAML), its model and its validating parser. */
package org.campusgate.policy.document;
