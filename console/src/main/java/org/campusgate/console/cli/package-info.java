/** The {@code bin/campusgate} commands: one class per command, wired by {@link org.campusgate.console.cli.CampusGate}. */
package org.campusgate.console.cli;
