package org.mdms.records.prescription;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class PrescriptionDtos {

    static final String PRICE_FROM_CATALOGUE = "prices come from the drug catalogue and are computed by the "
            + "server; do not send them";

    private PrescriptionDtos() {
    }

    @Schema(name = "PrescriptionRequest", description = "The prescribing doctor is the caller. Prices and amounts "
            + "are computed by the server from the drug catalogue; a request that sends any is refused (400).")
    public record PrescriptionRequest(
            @NotNull @Positive @Schema(example = "1") Long visitId,
            @Size(max = 1000) @Schema(example = "饭后服用") String note,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid ItemRequest> items,
            @Null(message = PRICE_FROM_CATALOGUE) @Schema(hidden = true) BigDecimal totalAmount) {
    }

    @Schema(name = "PrescriptionItemRequest")
    public record ItemRequest(
            @NotNull @Positive @Schema(example = "1") Long drugId,
            @NotNull @Positive @Max(10_000) @Schema(description = "in the drug's unit", example = "21")
            Integer quantity,
            @NotBlank @Size(max = 100) @Schema(example = "每次1粒") String dosage,
            @NotBlank @Size(max = 50) @Schema(example = "每日3次") String frequency,
            @NotNull @Positive @Max(365) @Schema(example = "7") Integer days,
            @Null(message = PRICE_FROM_CATALOGUE) @Schema(hidden = true) BigDecimal unitPrice,
            @Null(message = PRICE_FROM_CATALOGUE) @Schema(hidden = true) BigDecimal amount) {
    }

    @Schema(name = "PrescriptionCancel")
    public record CancelRequest(@NotBlank @Size(max = 500) @Schema(example = "患者过敏，改用其他药物") String reason) {
    }

    @Schema(name = "PrescriptionItem")
    public record ItemView(long id, long drugId, int quantity, String dosage, String frequency, int days,
                           @Schema(example = "1.25") BigDecimal unitPrice, @Schema(example = "26.25") BigDecimal amount) {
        public static ItemView of(PrescriptionItem i) {
            return new ItemView(i.getId(), i.getDrugId(), i.getQuantity(), i.getDosage(), i.getFrequency(),
                    i.getDays(), i.getUnitPrice(), i.getAmount());
        }
    }

    @Schema(name = "Prescription")
    public record PrescriptionView(long id, long visitId, long patientId, long departmentId, long doctorId,
                                   Long pharmacistId, Prescription.Status status, Instant issuedAt,
                                   Instant dispensedAt, Instant cancelledAt, String cancelReason, String note,
                                   @Schema(example = "26.25") BigDecimal totalAmount, List<ItemView> items,
                                   Instant createdAt, Instant updatedAt, int version) {
        public static PrescriptionView of(Prescription p, long patientId, long departmentId,
                                          List<PrescriptionItem> items) {
            return new PrescriptionView(p.getId(), p.getVisitId(), patientId, departmentId, p.getDoctorId(),
                    p.getPharmacistId(), p.getStatus(), p.getIssuedAt(), p.getDispensedAt(), p.getCancelledAt(),
                    p.getCancelReason(), p.getNote(), p.getTotalAmount(), items.stream().map(ItemView::of).toList(),
                    p.getCreatedAt(), p.getUpdatedAt(), p.getVersion());
        }
    }

    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "ItemChange", requiredProperties = {"id", "drugId", "quantity", "unitPrice", "amount"})
    public record ItemChange(long id, long drugId, int quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    /** The prescription as the change feed carries it: always with its full item list. */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "PrescriptionChange", requiredProperties = {"id", "visitId", "patientId", "doctorId",
            "departmentId", "status", "issuedAt", "dispensedAt", "cancelledAt", "totalAmount", "items"})
    public record PrescriptionChange(long id, long visitId, long patientId, long doctorId, long departmentId,
                                     Prescription.Status status, Instant issuedAt,
                                     @Schema(nullable = true) Instant dispensedAt,
                                     @Schema(nullable = true) Instant cancelledAt, BigDecimal totalAmount,
                                     List<ItemChange> items) {
        public static PrescriptionChange of(Prescription p, long patientId, long departmentId,
                                            List<PrescriptionItem> items) {
            return new PrescriptionChange(p.getId(), p.getVisitId(), patientId, p.getDoctorId(), departmentId,
                    p.getStatus(), p.getIssuedAt(), p.getDispensedAt(), p.getCancelledAt(), p.getTotalAmount(),
                    items.stream().map(i -> new ItemChange(i.getId(), i.getDrugId(), i.getQuantity(),
                            i.getUnitPrice(), i.getAmount())).toList());
        }
    }
}
