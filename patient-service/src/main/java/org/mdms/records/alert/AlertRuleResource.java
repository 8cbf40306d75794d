package org.mdms.records.alert;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.common.PageRequest;
import org.mdms.records.alert.AlertDtos.RuleRequest;
import org.mdms.records.alert.AlertDtos.RuleView;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Created;
import org.mdms.records.common.Page;
import org.mdms.records.vitals.VitalType;

import java.util.Map;

@Path("/api/v1/alert-rules")
@Tag(name = "Alert rules", description = "When readings open alerts: per vital type a severity, thresholds and a "
        + "sustain time; the hospital's defaults, a department's, or one patient's override")
public class AlertRuleResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "code", "code", "severity", "severity",
            "vitalType", "vitalType");

    private final AlertRuleService service;
    private final CurrentUser currentUser;

    AlertRuleResource(AlertRuleService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "Alert rules", description = "Paged, by code. Without patientId, non-admins see the "
            + "hospital's and the departments' rules; with it, that patient's overrides too (403 unless the caller "
            + "may read the patient's vital signs).")
    public Uni<Page<RuleView>> list(@Parameter(example = "SPO2_LOW") @QueryParam("code") String code,
                                    @Parameter(example = "SPO2") @QueryParam("vitalType") VitalType vitalType,
                                    @Parameter(example = "1") @QueryParam("departmentId") Long departmentId,
                                    @Parameter(example = "1") @QueryParam("patientId") Long patientId,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                    @QueryParam("sort") String sort) {
        PageRequest paging = PageRequest.of(page, size, sort, SORTABLE, "code");
        return service.search(new AlertRuleRepository.Criteria(code, vitalType, departmentId, patientId, false),
                paging, currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "Get one alert rule")
    public Uni<RuleView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_})
    @Operation(summary = "Add an alert rule", description = "Admins: any scope. A doctor: only a rule of one patient "
            + "they treat (patientId), e.g. a lower SpO2 threshold for a COPD patient. 409 when the code already "
            + "has a rule in that scope; 422 for an unknown patient or department.")
    public Uni<Response> create(@NotNull @Valid RuleRequest request, @Context UriInfo uri) {
        return service.create(request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_})
    @Operation(summary = "Change an alert rule", description = "The same access as adding it, for the rule's scope "
            + "before and after. Open alerts keep their severity; new breaches follow the changed rule.")
    public Uni<RuleView> update(@PathParam("id") long id, @NotNull @Valid RuleRequest request) {
        return service.update(id, request, currentUser.caller());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_})
    @Operation(summary = "Remove a department's or patient's rule", description = "The next less specific rule "
            + "applies again. The hospital's defaults are not removed (409): disable them with enabled=false.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> delete(@PathParam("id") long id) {
        return service.delete(id, currentUser.caller()).map(nothing -> Response.noContent().build());
    }
}
