package io.alloyflow.fusion.inclusions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An open, versioned, editable inclusion classification rule set: a text file with a name, a
 * version and ordered {@code class NAME: CONDITION} lines over normalised compositions (first
 * matching rule wins), in the spirit of the rule tables of ASTM E2142-08 ("Standard test
 * methods for rating and classifying inclusions in steel using the scanning electron
 * microscope"). The SHA-256 of the text identifies exactly which rules classified a particle.
 *
 * <p>Grammar: {@code CONDITION := AND ('or' AND)*}, {@code AND := TERM ('and' TERM)*},
 * {@code TERM := 'true' | '(' CONDITION ')' | SUM OP NUMBER}, {@code SUM := ELEMENT ('+'
 * ELEMENT)*}, {@code OP := < | <= | > | >=}. Comments start with {@code #}. Syntax errors name the
 * source, the line number and what was expected.
 *
 * @param name rule set name
 * @param version rule set version
 * @param sha256 SHA-256 of the file text (hex)
 * @param rules the rules in order
 */
public record RuleSet(String name, String version, String sha256, List<Rule> rules) {

  public RuleSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    rules = List.copyOf(rules);
  }

  /** One rule. */
  public record Rule(String className, String condition, int line, Node node) {}

  /** A parsed condition. */
  public sealed interface Node permits And, Or, Cmp, True {
    boolean test(Map<String, Double> c);
  }

  record And(List<Node> parts) implements Node {
    @Override
    public boolean test(Map<String, Double> c) {
      for (Node n : parts) {
        if (!n.test(c)) {
          return false;
        }
      }
      return true;
    }
  }

  record Or(List<Node> parts) implements Node {
    @Override
    public boolean test(Map<String, Double> c) {
      for (Node n : parts) {
        if (n.test(c)) {
          return true;
        }
      }
      return false;
    }
  }

  record Cmp(List<String> elements, String op, double value) implements Node {
    @Override
    public boolean test(Map<String, Double> c) {
      double s = 0;
      for (String e : elements) {
        s += c.getOrDefault(e, 0.0);
      }
      return switch (op) {
        case "<" -> s < value;
        case "<=" -> s <= value;
        case ">" -> s > value;
        default -> s >= value;
      };
    }
  }

  record True() implements Node {
    @Override
    public boolean test(Map<String, Double> c) {
      return true;
    }
  }

  /** The class of a composition, or "unclassified" when no rule holds. */
  public String classify(Map<String, Double> composition) {
    for (Rule r : rules) {
      if (r.node().test(composition)) {
        return r.className();
      }
    }
    return "unclassified";
  }

  /** Class names in rule order (distinct). */
  public List<String> classNames() {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      if (!out.contains(r.className())) {
        out.add(r.className());
      }
    }
    return out;
  }

  /** The rule set shipped with alloyflow (steel-inclusions 1.0). */
  public static RuleSet builtIn() {
    try (InputStream in = RuleSet.class.getResourceAsStream("steel-inclusions.rules")) {
      if (in == null) {
        throw new IllegalStateException("built-in rule set resource is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "builtin:steel-inclusions.rules");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in rule set", e);
    }
  }

  /** Parses rule-set text; {@code source} names it in error messages. */
  public static RuleSet parse(String text, String source) {
    String name = null;
    String version = null;
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int ln = i + 1;
      String l = lines[i];
      int hash = l.indexOf('#');
      if (hash >= 0) {
        l = l.substring(0, hash);
      }
      l = l.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("ruleset ")) {
        name = l.substring(8).strip();
      } else if (l.startsWith("version ")) {
        version = l.substring(8).strip();
      } else if (l.startsWith("class ")) {
        int colon = l.indexOf(':');
        if (colon < 0) {
          throw error(source, ln, "expected 'class NAME: CONDITION', found no ':'");
        }
        String cls = l.substring(6, colon).strip();
        if (cls.isEmpty()) {
          throw error(source, ln, "expected a class name before ':'");
        }
        String cond = l.substring(colon + 1).strip();
        Parser p = new Parser(tokens(cond, source, ln), source, ln);
        Node node = p.condition();
        if (p.pos < p.tok.size()) {
          throw error(source, ln, "unexpected '" + p.tok.get(p.pos) + "' after a complete"
              + " condition");
        }
        rules.add(new Rule(cls, cond, ln, node));
      } else {
        throw error(source, ln, "expected 'ruleset NAME', 'version V' or 'class NAME: CONDITION',"
            + " found '" + l + "'");
      }
    }
    if (name == null || version == null) {
      throw new IllegalArgumentException(source + ": a rule set needs a 'ruleset NAME' and a"
          + " 'version V' line");
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(source + ": no 'class' rules found");
    }
    return new RuleSet(name, version, sha256(text), rules);
  }

  private static IllegalArgumentException error(String source, int line, String msg) {
    return new IllegalArgumentException(source + ", line " + line + ": " + msg);
  }

  private static List<String> tokens(String s, String source, int ln) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '+') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '<' || c == '>') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '=') {
          out.add(c + "=");
          i += 2;
        } else {
          out.add(String.valueOf(c));
          i++;
        }
      } else if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
            || s.charAt(j) == '-' || s.charAt(j) == '_')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else {
        throw error(source, ln, "unexpected character '" + c + "'");
      }
    }
    return out;
  }

  private static final class Parser {
    final List<String> tok;
    final String source;
    final int line;
    int pos;

    Parser(List<String> tok, String source, int line) {
      this.tok = tok;
      this.source = source;
      this.line = line;
    }

    String peek() {
      return pos < tok.size() ? tok.get(pos) : null;
    }

    String next(String expected) {
      if (pos >= tok.size()) {
        throw error(source, line, "expected " + expected + ", found the end of the line");
      }
      return tok.get(pos++);
    }

    Node condition() {
      List<Node> parts = new ArrayList<>();
      parts.add(and());
      while ("or".equals(peek())) {
        pos++;
        parts.add(and());
      }
      return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    Node and() {
      List<Node> parts = new ArrayList<>();
      parts.add(term());
      while ("and".equals(peek())) {
        pos++;
        parts.add(term());
      }
      return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    Node term() {
      String t = next("a comparison, '(' or 'true'");
      if (t.equals("true")) {
        return new True();
      }
      if (t.equals("(")) {
        Node n = condition();
        String c = next("')'");
        if (!c.equals(")")) {
          throw error(source, line, "expected ')', found '" + c + "'");
        }
        return n;
      }
      List<String> els = new ArrayList<>();
      els.add(element(t));
      while ("+".equals(peek())) {
        pos++;
        els.add(element(next("an element symbol after '+'")));
      }
      String op = next("a comparison operator (<, <=, >, >=)");
      if (!List.of("<", "<=", ">", ">=").contains(op)) {
        throw error(source, line, "expected a comparison operator (<, <=, >, >=), found '" + op
            + "'");
      }
      String num = next("a number");
      try {
        return new Cmp(els, op, Double.parseDouble(num));
      } catch (NumberFormatException e) {
        throw error(source, line, "expected a number after '" + op + "', found '" + num + "'");
      }
    }

    String element(String t) {
      if (!t.matches("[A-Z][a-z]?")) {
        throw error(source, line, "expected an element symbol (e.g. Al), found '" + t + "'");
      }
      return t;
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
