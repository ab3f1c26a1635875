/**
 * Block lists in the console: the UT1 set in force (imported in the background, kept under
 * {@code var/lists/}, loaded again at start) and the custom entries admins add to a category.
 */
package org.campusgate.console.lists;
