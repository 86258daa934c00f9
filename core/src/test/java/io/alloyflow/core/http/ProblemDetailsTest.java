package io.alloyflow.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemDetailsTest {
  @Test
  void badRequestHasTheRfc9457MembersInOneLine() {
    Map<String, Object> m = ProblemDetails.badRequest("part 'rpl': line 3\n  width: expected a number");
    assertEquals(List.of("type", "title", "status", "detail", "error"), List.copyOf(m.keySet()));
    assertEquals("about:blank", m.get("type"));
    assertEquals(400, m.get("status"));
    assertEquals("part 'rpl': line 3 width: expected a number", m.get("detail"));
    assertEquals(m.get("detail"), m.get("error"));
    assertEquals("invalid request", ProblemDetails.badRequest(null).get("detail"));
    assertThrows(IllegalArgumentException.class, () -> ProblemDetails.of(200, "ok", "fine"));
  }
}
