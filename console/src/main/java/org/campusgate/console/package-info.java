/** The console application and the launcher behind {@code bin/campusgate}. */
package org.campusgate.console;
