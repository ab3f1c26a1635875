/** Connections to origins: transport choice, DNS resolution, the per-loop keep-alive pool. */
package org.campusgate.gateway.upstream;
