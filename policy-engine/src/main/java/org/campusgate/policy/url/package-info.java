/** URL and authority canonicalisation (Safe Browsing rules) so that list matching sees one spelling per destination. */
package org.campusgate.policy.url;
