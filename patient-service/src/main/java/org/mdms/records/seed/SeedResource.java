package org.mdms.records.seed;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.Role;
import org.mdms.common.DomainException;

import java.util.List;

@Path("/api/v1/admin/seed")
@Tag(name = "Seed", description = "Bulk fake data for demos and benchmarks (profiles local and test only)")
public class SeedResource {

    private final SeedService service;
    private final SeedSettings settings;

    SeedResource(SeedService service, SeedSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @POST
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Generate fake hospital data", description = "Creates a hospital with departments and "
            + "staff, then the patients with their visits, prescriptions, examinations and vital signs (and their "
            + "change events), streaming one progress line per second and a final 'done: ...' summary (or a line "
            + "starting with 'ERROR:'). 404 unless mdms.seed.enabled=true; 409 while another run is in progress.")
    public Multi<String> seed(@Valid SeedRequest request) {
        if (!settings.enabled()) {
            throw DomainException.notFound("endpoint", "/api/v1/admin/seed");
        }
        SeedRequest body = request == null ? new SeedRequest(null, null, null, null, null, null, null, null, null)
                : request;
        SeedPlan plan = body.toPlan();
        if (plan.patients() > settings.maxPatients()) {
            throw DomainException.invalid("patients", "at most " + settings.maxPatients() + " patients per request");
        }
        if (plan.items() > 50L * settings.maxPatients()) {
            throw new DomainException(400, "Bad Request", "too many prescription items in one request",
                    List.of(new DomainException.FieldError("itemsPerPrescription", "patients x visitsPerPatient x "
                            + "prescriptionsPerVisit x itemsPerPrescription must stay below "
                            + 50L * settings.maxPatients())));
        }
        return service.run(plan).map(line -> line + "\n");
    }
}
