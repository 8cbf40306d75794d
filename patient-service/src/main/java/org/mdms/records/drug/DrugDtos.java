package org.mdms.records.drug;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

public final class DrugDtos {

    private DrugDtos() {
    }

    @Schema(name = "DrugRequest")
    public record DrugRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "letters, digits, '.', '_' "
                    + "and '-' only") @Schema(description = "catalogue code, unique", example = "D-AMOX-500")
            String code,
            @NotBlank @Size(max = 200) @Schema(description = "brand or trade name", example = "阿莫西林胶囊")
            String name,
            @Size(max = 200) @Schema(example = "Amoxicillin") String genericName,
            @NotBlank @Size(max = 100) @Schema(example = "抗生素") String category,
            @NotBlank @Size(max = 50) @Schema(example = "胶囊") String dosageForm,
            @NotBlank @Size(max = 50) @Schema(example = "500mg") String strength,
            @NotBlank @Size(max = 20) @Schema(description = "the unit a quantity counts", example = "粒") String unit,
            @NotNull @DecimalMin("0.00") @DecimalMax("99999999.99") @Digits(integer = 8, fraction = 2)
            @Schema(description = "unit price in CNY; prescriptions copy it at issue time", example = "1.25")
            BigDecimal price,
            @Size(max = 200) @Schema(example = "华北制药") String manufacturer,
            @Schema(description = "defaults to true; inactive drugs cannot be prescribed", example = "true")
            Boolean active) {
    }

    @Schema(name = "Drug")
    public record DrugView(long id, String code, String name, String genericName, String category,
                           String dosageForm, String strength, String unit, BigDecimal price, String manufacturer,
                           boolean active, Instant createdAt, Instant updatedAt, int version) {
        public static DrugView of(Drug d) {
            return new DrugView(d.getId(), d.getCode(), d.getName(), d.getGenericName(), d.getCategory(),
                    d.getDosageForm(), d.getStrength(), d.getUnit(), d.getPrice(), d.getManufacturer(), d.isActive(),
                    d.getCreatedAt(), d.getUpdatedAt(), d.getVersion());
        }
    }

    /** The drug as the change feed carries it. */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "DrugChange", requiredProperties = {"id", "code", "name", "genericName", "category", "dosageForm",
            "strength", "unit", "price", "active"})
    public record DrugChange(long id, String code, String name, @Schema(nullable = true) String genericName,
                             String category, String dosageForm, String strength, String unit, BigDecimal price,
                             boolean active) {
        public static DrugChange of(Drug d) {
            return new DrugChange(d.getId(), d.getCode(), d.getName(), d.getGenericName(), d.getCategory(),
                    d.getDosageForm(), d.getStrength(), d.getUnit(), d.getPrice(), d.isActive());
        }
    }
}
