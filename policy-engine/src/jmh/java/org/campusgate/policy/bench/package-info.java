/** JMH benchmarks and a heap-footprint tool for the policy engine; run them with {@code bench/jmh}. */
package org.campusgate.policy.bench;
