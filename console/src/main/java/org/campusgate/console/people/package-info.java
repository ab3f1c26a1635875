/**
 * A school's people as the gateway identifies them: users, groups, memberships and IP bindings,
 * their validation (names the gateway accepts, canonical CIDRs), the CSV import, and putting
 * binding changes in force in the running gateway. Every change is written to the admin log.
 */
package org.campusgate.console.people;
