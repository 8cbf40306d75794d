package org.mdms.records.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** 201 Created with the new record's Location. */
public final class Created {

    private Created() {
    }

    public static Response at(UriInfo uri, long id, Object body) {
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build()).entity(body).build();
    }
}
