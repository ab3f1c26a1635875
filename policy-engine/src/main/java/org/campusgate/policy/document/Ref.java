package org.campusgate.policy.document;

/**
 * A name the document refers to (a group, a category, a schedule), with where it was written so
 * the compiler can point at it when the name is unknown.
 */
public record Ref(String name, String path, int line) {}
