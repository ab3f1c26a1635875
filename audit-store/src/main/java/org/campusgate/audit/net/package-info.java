/** Client addresses in the one canonical form the gateway writes and the store indexes. */
package org.campusgate.audit.net;
