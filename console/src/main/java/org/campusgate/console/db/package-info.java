/** The console's relational state (schools, accounts, tokens, people, policies, lists, admin log) through JDBI, on H2 or PostgreSQL. */
package org.campusgate.console.db;
