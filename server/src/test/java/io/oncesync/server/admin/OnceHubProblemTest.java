package io.oncesync.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.http.Problem;
import io.oncesync.server.oncehub.OnceHubException;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("OnceHub's refusals as the admin API's problems")
class OnceHubProblemTest {
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new OnceHubException(0, null, null, "ONCESYNC_PUBLIC_URL is not set"), 409, "oncehub-not-ready"),
                Arguments.of(new OnceHubException("OnceHub did not answer GET /v2/webhooks after 8 attempts",
                        new IOException("Connection refused")), 502, "oncehub-unreachable"),
                Arguments.of(new OnceHubException(429, "rate_limit_error", null, "OnceHub answered with HTTP 429"), 503,
                        "oncehub-rate-limited"),
                Arguments.of(new OnceHubException(500, "api_error", null, "OnceHub answered with HTTP 500"), 502,
                        "oncehub-unavailable"),
                Arguments.of(new OnceHubException(503, null, null, "OnceHub answered with HTTP 503"), 502, "oncehub-unavailable"),
                Arguments.of(new OnceHubException(401, null, null, "OnceHub refused the API key"), 502,
                        "oncehub-api-key-refused"),
                Arguments.of(new OnceHubException(409, "invalid_request_error", "name", "a webhook named 'oncesync' exists"),
                        409, "oncehub-conflict"),
                Arguments.of(new OnceHubException(404, "invalid_request_error", "id", "No such webhook"), 502, "oncehub-refused"),
                Arguments.of(new OnceHubException(200, null, null, "OnceHub answered with a body that is not JSON"), 502,
                        "oncehub-refused"));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @MethodSource("refusals")
    @DisplayName("each refusal is a 4xx, 502 or 503 problem of its own type, with OnceHub's message as the detail")
    void mapped(OnceHubException e, int status, String name) {
        Problem p = OnceHubRoutes.problem(e).problem();
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.type()).isEqualTo(Problem.TYPE_PREFIX + name);
        assertThat(p.detail()).startsWith(e.getMessage());
    }
}
