package org.mdms.imaging.support;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.math.BigDecimal;
import org.mdms.common.PageRequest;

/** Writes the paging rule (the same in all three services) into every list's page and size parameters. */
public class PagingDocs implements OASFilter {

    @Override
    public Parameter filterParameter(Parameter parameter) {
        if (parameter.getIn() != Parameter.In.QUERY || parameter.getSchema() == null) {
            return parameter;
        }
        if ("page".equals(parameter.getName())) {
            parameter.setDescription("Page number, from 0 (default 0). (page + 1) × size may not exceed "
                    + PageRequest.MAX_ROWS + ": a deeper page is refused with 400 naming `page`; narrow the list with its filters.");
            parameter.getSchema().setMinimum(BigDecimal.ZERO);
            parameter.getSchema().setDefaultValue(0);
        } else if ("size".equals(parameter.getName())) {
            parameter.setDescription("Items per page, 1 to " + PageRequest.MAX_SIZE + " (default 20).");
            parameter.getSchema().setMinimum(BigDecimal.ONE);
            parameter.getSchema().setMaximum(BigDecimal.valueOf(PageRequest.MAX_SIZE));
            parameter.getSchema().setDefaultValue(20);
        }
        return parameter;
    }
}
