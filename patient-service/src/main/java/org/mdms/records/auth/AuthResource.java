package org.mdms.records.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.mdms.records.common.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Sign in, refresh, sign out, and what other services verify tokens with")
@PermitAll
public class AuthResource {

    private final TokenService tokens;
    private final KeyMaterial keys;
    private final Revocations revocations;
    private final CurrentUser currentUser;

    AuthResource(TokenService tokens, KeyMaterial keys, Revocations revocations, CurrentUser currentUser) {
        this.tokens = tokens;
        this.keys = keys;
        this.revocations = revocations;
        this.currentUser = currentUser;
    }

    @Schema(name = "LoginRequest")
    public record LoginRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE)
            @Schema(example = "doctor") String username,
            @NotBlank @Size(max = 200) @Schema(example = "mdms-demo") String password) {
    }

    @Schema(name = "RefreshRequest")
    public record RefreshRequest(
            @JsonProperty("refresh_token") @NotBlank @Size(max = 100)
            @Schema(example = "Xq3v9kR2mT8wL5nB7cY1dF4gH6jK0pZs") String refreshToken) {
    }

    @Schema(name = "TokenResponse")
    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
            @JsonProperty("expires_in") @Schema(example = "900", description = "access token lifetime, seconds")
            long expiresIn,
            @JsonProperty("refresh_token") @Schema(description = "single use: POST it to /api/v1/auth/refresh")
            String refreshToken,
            @JsonProperty("refresh_expires_in") @Schema(example = "43200") long refreshExpiresIn) {

        static TokenResponse of(TokenService.IssuedToken token) {
            return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds(), token.refreshToken(),
                    token.refreshExpiresInSeconds());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/login")
    @Operation(summary = "Sign in", description = "Returns a short-lived RS256 access token carrying the user's role, "
            + "and a refresh token. 401 on a wrong username or password; 429 with Retry-After after too many wrong "
            + "passwords for the account, or too many failed sign-ins from the client address.")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "401", description = "Unknown username or wrong password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Locked or throttled; see the Retry-After header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> login(@RequestBody(required = true) @NotNull @Valid LoginRequest request,
                                    @Context HttpServerRequest http) {
        return tokens.login(request.username(), request.password(), clientAddress(http)).map(TokenResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/refresh")
    @Operation(summary = "Refresh the tokens", description = "Trades a refresh token for a new access token and a "
            + "new refresh token. Each refresh token works once: presenting a used one again ends the whole session "
            + "(401), as does disabling the account or changing its password or role.")
    public Uni<TokenResponse> refresh(@RequestBody(required = true) @NotNull @Valid RefreshRequest request) {
        return tokens.refresh(request.refreshToken()).map(TokenResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/logout")
    @Operation(summary = "Sign out", description = "Ends the session of this refresh token: its refresh tokens stop "
            + "working at once and its access tokens within the revocation bound. 204 also for an unknown token.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Uni<Response> logout(@RequestBody(required = true) @NotNull @Valid RefreshRequest request) {
        return tokens.logout(request.refreshToken()).map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/session")
    @Authenticated
    @Operation(summary = "End this token's session", description = "For a client that holds only the access token "
            + "(the console's gallery and dashboard sign out through it): ends its sign-in session as /logout does; "
            + "its access tokens are refused from the next request here and within the revocation bound elsewhere.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Uni<Response> endSession() {
        String sid = currentUser.sessionId();
        Uni<Void> ended = sid == null ? Uni.createFrom().voidItem() : tokens.logoutSession(sid);
        return ended.map(done -> Response.noContent().build());
    }

    @GET
    @Path("/revocations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoked tokens", description = "Users whose tokens below a token version are refused, and "
            + "ended sessions, for the changes younger than an access token's lifetime. imaging-service and "
            + "analytics-service read it every few seconds.")
    public Uni<RevocationList> revocations() {
        return revocations.list();
    }

    /** The peer address, or the X-Forwarded-For client when quarkus.http.proxy.proxy-address-forwarding is on. */
    private static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Token verification keys (JWKS)", description = "RS256 public key(s) for verifying MDMS tokens.")
    @APIResponse(responseCode = "200", description = "The JSON Web Key Set", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, example = "{\"keys\": [{\"kty\": \"RSA\", \"use\": \"sig\", "
            + "\"alg\": \"RS256\", \"kid\": \"mdms-2026\", \"n\": \"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78"
            + "LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_R"
            + "N5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt"
            + "-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\", "
            + "\"e\": \"AQAB\"}]}"))
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
