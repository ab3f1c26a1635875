package org.campusgate.console.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.AdminLogDao;

/**
 * Writes what admins and responders do to the append-only admin log, with the state before and
 * after as JSON (any value Jackson can write: a record, a map, a string).
 */
public final class AdminLog {
  private final AdminLogDao dao;
  private final ObjectMapper json;

  public AdminLog(AdminLogDao dao, ObjectMapper json) {
    this.dao = Objects.requireNonNull(dao, "dao");
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * @param actor who did it (account name, {@code token:<name>}, {@code system})
   * @param action a stable dotted name, e.g. {@code policy.publish}
   * @param target what it was done to, e.g. {@code policy:demo-school/default}
   * @param before the state before, or null when created
   * @param after the state after (or the request's details), or null when removed
   */
  public AdminAction record(String actor, String action, String target, String schoolId,
      Object before, Object after) {
    return dao.append(actor, action, target, schoolId, write(before), write(after));
  }

  public AdminLogDao dao() {
    return dao;
  }

  private String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the admin log entry as JSON", e);
    }
  }
}
