/** Compiled time schedules (weekly windows plus dated exceptions) that decide when a policy rule is active. */
package org.campusgate.policy.schedule;
