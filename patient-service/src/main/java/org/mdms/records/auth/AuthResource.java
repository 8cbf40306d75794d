package org.mdms.records.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Sign in and the public key other services verify tokens with")
@PermitAll
public class AuthResource {

    private final TokenService tokens;
    private final KeyMaterial keys;

    AuthResource(TokenService tokens, KeyMaterial keys) {
        this.tokens = tokens;
        this.keys = keys;
    }

    @Schema(name = "LoginRequest")
    public record LoginRequest(
            @NotBlank @Size(max = 64) @Schema(example = "doctor") String username,
            @NotBlank @Size(max = 200) @Schema(example = "mdms-demo") String password) {
    }

    @Schema(name = "TokenResponse")
    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
            @JsonProperty("expires_in") @Schema(example = "28800") long expiresIn) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/login")
    @Operation(summary = "Sign in", description = "Returns an RS256 JWT carrying the user's role. 401 on a wrong "
            + "username or password.")
    public Uni<TokenResponse> login(@RequestBody(required = true) @NotNull @Valid LoginRequest request) {
        return tokens.login(request.username(), request.password())
                .onItem().transform(token -> new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds()));
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Token verification keys (JWKS)", description = "RS256 public key(s) for verifying MDMS tokens.")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
