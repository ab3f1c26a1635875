/** Step 4 of the data path when the decision is BLOCK: the pages and answers users see. */
package org.campusgate.gateway.block;
