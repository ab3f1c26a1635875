/** CONNECT tunnels: the SNI gate that decides on the TLS ClientHello, and the byte splice. */
package org.campusgate.gateway.tunnel;
