package org.mdms.imaging.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import org.mdms.common.DomainException;

/** RFC 9457 problem details body. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<DomainException.FieldError> errors) {
}
