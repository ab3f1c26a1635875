/** Block lists: the UT1/SquidGuard format, its import, and the in-memory list set a policy compiles against. */
package org.campusgate.policy.lists;
