/** API tokens: issued with a secret shown once, stored by hash, listed and revoked. */
package org.campusgate.console.tokens;
