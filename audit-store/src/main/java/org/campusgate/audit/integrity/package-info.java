/** The audit store's integrity layer: RFC 6962 Merkle tree, signed checkpoints, time stamps. */
package org.campusgate.audit.integrity;
