/** Evidence bundles as files: written by the store's owner, checked offline by anyone. */
package org.campusgate.audit.evidence;
