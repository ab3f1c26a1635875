/** Console sign-in: password logins with lock-out, sessions, API tokens, CSRF and role checks. */
package org.campusgate.console.auth;
