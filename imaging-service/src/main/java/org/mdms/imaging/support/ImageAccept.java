package org.mdms.imaging.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The image byte endpoints (original, thumbnail, preview) produce application/octet-stream on the JAX-RS level,
 * because a streamed RestMulti cannot negotiate between several media types, and send the image's own Content-Type.
 * A client that asks for image/* (a browser, a generated client) must get the image too, not 406.
 */
public class ImageAccept {

    private static final Pattern IMAGE_BYTES = Pattern.compile("/api/v1/images/\\d+/(content|thumbnail|preview)");

    @ServerRequestFilter(preMatching = true)
    public void acceptImages(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && "GET".equals(request.getMethod())
                && accept.toLowerCase(Locale.ROOT).contains("image/")
                && IMAGE_BYTES.matcher(request.getUriInfo().getPath()).matches()) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", " + MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
