package org.campusgate.policy.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.policy.PolicyError;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a composed YAML node tree and collects every shape error with its path and line, so the
 * admin sees all problems at once. Methods return null (or empty) after recording an error.
 */
final class YamlTree {
  private final List<PolicyError> errors = new ArrayList<>();

  List<PolicyError> errors() {
    return errors;
  }

  void error(String path, Node node, String message) {
    errors.add(new PolicyError(path, line(node), message));
  }

  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** The entries of a mapping, in order; unknown keys and duplicate keys are errors. */
  Map<String, Node> mapping(String path, Node node, Set<String> allowedKeys) {
    Map<String, Node> entries = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      error(path, node, "expected a mapping (key: value lines)");
      return entries;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
      String at = join(path, key == null ? "?" : key);
      if (key == null) {
        error(path, tuple.getKeyNode(), "keys must be plain names");
      } else if (allowedKeys != null && !allowedKeys.contains(key)) {
        error(at, tuple.getKeyNode(), "unknown key '" + key + "' (expected one of " + String.join(", ", allowedKeys) + ")");
      } else if (entries.containsKey(key)) {
        error(at, tuple.getKeyNode(), "duplicate key '" + key + "'");
      } else {
        entries.put(key, tuple.getValueNode());
      }
    }
    return entries;
  }

  String string(String path, Node node) {
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return s.getValue().strip();
    }
    error(path, node, node instanceof ScalarNode ? "must not be empty" : "expected a single value");
    return null;
  }

  /** A list of values; a single scalar counts as a list of one. */
  List<Node> items(String path, Node node) {
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    if (node instanceof ScalarNode) {
      return List.of(node);
    }
    error(path, node, "expected a list");
    return List.of();
  }

  /** A list of strings, each with its path, e.g. {@code rules[0].block[2]}. */
  List<Ref> refs(String path, Node node) {
    List<Ref> refs = new ArrayList<>();
    boolean sequence = node instanceof SequenceNode;
    List<Node> items = items(path, node);
    for (int i = 0; i < items.size(); i++) {
      String at = sequence ? path + "[" + i + "]" : path;
      String value = string(at, items.get(i));
      if (value != null) {
        refs.add(new Ref(value, at, line(items.get(i))));
      }
    }
    return refs;
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
