package io.oncesync.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a problem document")
class ProblemTest {
    @Test
    @DisplayName("carries the four RFC 9457 members, its type named under urn:oncesync:problem:")
    void standardMembers() {
        JsonObject json = Problem.of(409, "no-rules-dir", "No rules directory", "ONCESYNC_RULES_DIR is not set").toJson();

        assertThat(json).isEqualTo(new JsonObject().put("type", "urn:oncesync:problem:no-rules-dir")
                .put("title", "No rules directory").put("status", 409).put("detail", "ONCESYNC_RULES_DIR is not set"));
        assertThat(Problem.untyped(401, "Authentication required", "send a token").toJson().getString("type"))
                .isEqualTo("about:blank");
    }

    @Test
    @DisplayName("adds extension members beside the standard ones, never instead of them")
    void extensions() {
        Problem p = Problem.of(422, "rules-invalid", "Rules not loaded", "1 problems")
                .with("problems", new JsonArray().add("x.drl:3: no such field"));

        assertThat(p.toJson().getJsonArray("problems")).containsExactly("x.drl:3: no such field");
        assertThat(p.toJson().getInteger("status")).isEqualTo(422);
        assertThatThrownBy(() -> p.with("status", 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"status\" is a standard member, not an extension");
        JsonObject sneaky = new JsonObject().put("title", "All fine");
        assertThat(new Problem("about:blank", "Forbidden", 403, "no", sneaky).toJson().getString("title"))
                .isEqualTo("Forbidden");
    }

    @Test
    @DisplayName("is an error: a 2xx or 3xx status is refused")
    void onlyErrors() {
        assertThatThrownBy(() -> Problem.of(200, "ok", "OK", "fine")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a problem's status is 4xx or 5xx, was 200");
    }
}
