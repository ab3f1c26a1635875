/** Test fixtures: a deterministic generator of realistic synthetic audit events (UT1-based hosts). */
package org.campusgate.audit.testing;
