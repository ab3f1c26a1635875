/** The REST API under /api/v1: one resource per subject, each method declaring its roles. */
package org.campusgate.console.resources;
