/** The audit store: access events, the store contract and its implementations (issue 3). */
package org.campusgate.audit;
