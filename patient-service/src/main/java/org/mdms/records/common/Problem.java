package org.mdms.records.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import org.mdms.common.DomainException;

/** RFC 9457 problem details, with the fields at fault for validation errors. */
@RegisterForReflection // built as a Response entity, which the native build cannot see through
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "about:blank") String type,
        @Schema(example = "Bad Request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "birthDate must be in the past") String detail,
        @Schema(example = "/api/v1/patients") String instance,
        List<DomainException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
