package org.mdms.analytics.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import org.mdms.common.DomainException;

/** RFC 9457 problem details, the body of every error response, with the fields at fault for validation errors. */
@RegisterForReflection // built as a Response entity, which the native build cannot see through
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<DomainException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
