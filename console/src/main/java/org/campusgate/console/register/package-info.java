/** The learning-app register in the console: its tables, the changes admins make and the views they read. */
package org.campusgate.console.register;
