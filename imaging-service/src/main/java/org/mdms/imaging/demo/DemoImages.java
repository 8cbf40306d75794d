package org.mdms.imaging.demo;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.imaging.image.ImageDtos.UploadCommand;
import org.mdms.imaging.image.ImageRepository;
import org.mdms.imaging.image.ImageUpload;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.Role;
import org.mdms.imaging.patient.PatientRefs;
import org.mdms.imaging.patient.PatientServiceClient;
import org.mdms.imaging.support.OffLoop;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Profile local only (mdms.demo.enabled): when the bucket has no images yet, draws three pictures per demo patient
 * and uploads them through the normal pipeline, signed in as the demo admin. Skipped quietly when patient-service
 * does not answer within a few minutes; never enabled in prod.
 */
@Singleton
public class DemoImages {

    private static final Logger LOG = Logger.getLogger(DemoImages.class);
    private static final int MAX_PATIENTS = 12;

    record Kind(String category, String title, String visibility, LongFunction<BufferedImage> draw) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("ECG", "静息心电图 Resting ECG", "PRIVATE", DemoPictures::ecg),
            new Kind("DIAGNOSTIC_IMAGE", "胸部正位片 Chest X-ray", "PRIVATE", DemoPictures::xray),
            new Kind("LAB_SHEET", "血常规化验单 Blood test", "PRIVATE", DemoPictures::labSheet));

    private final ImagingConfig config;
    private final PatientServiceClient patients;
    private final ImageUpload uploads;
    private final ImageRepository images;
    private final OffLoop offLoop;
    private final Vertx vertx;

    DemoImages(ImagingConfig config, @RestClient PatientServiceClient patients, ImageUpload uploads,
               ImageRepository images, OffLoop offLoop, Vertx vertx) {
        this.config = config;
        this.patients = patients;
        this.uploads = uploads;
        this.images = images;
        this.offLoop = offLoop;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.demo().enabled()) {
            return;
        }
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> seed().subscribe().with(
                count -> LOG.infof("demo images: %d uploaded", count),
                failure -> LOG.warnf("demo images skipped: %s", failure.toString())));
    }

    Uni<Integer> seed() {
        return images.countAll()
                .chain(existing -> existing > 0 ? Uni.createFrom().item(-1) : seedAll())
                .map(count -> count < 0 ? 0 : count);
    }

    private Uni<Integer> seedAll() {
        return signIn()
                // patient-service may still be starting in ./mdms run
                .onFailure().retry().withBackOff(Duration.ofSeconds(2), Duration.ofSeconds(10)).atMost(30)
                .chain(admin -> patients.patients(0, MAX_PATIENTS, admin.caller().bearer())
                        .chain(page -> {
                            AtomicReference<AdminSession> session = new AtomicReference<>(admin);
                            return Multi.createFrom().iterable(page.items() == null ? List.<PatientRefs.PatientRef>of() : page.items())
                                    .onItem().transformToUniAndConcatenate(p -> current(session)
                                            .chain(caller -> seedPatient(caller, p.id())))
                                    .collect().asList()
                                    .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
                        }));
    }

    /** The admin's sign-in; access tokens are short-lived, so it is renewed once half its lifetime is gone. */
    private record AdminSession(Caller caller, Instant renewAt) {
    }

    private Uni<AdminSession> signIn() {
        return patients.login(new PatientRefs.LoginRequest(config.demo().adminUser(), config.demo().password()))
                .map(login -> new AdminSession(new Caller(config.demo().adminUser(), null, Role.ADMIN, null, null,
                        "Bearer " + login.accessToken()), Instant.now().plusSeconds(Math.max(1, login.expiresIn() / 2))));
    }

    private Uni<Caller> current(AtomicReference<AdminSession> session) {
        if (Instant.now().isBefore(session.get().renewAt())) {
            return Uni.createFrom().item(session.get().caller());
        }
        return signIn().invoke(session::set).map(AdminSession::caller);
    }

    private Uni<Integer> seedPatient(Caller admin, long patientId) {
        return Multi.createFrom().iterable(KINDS)
                .onItem().transformToUniAndConcatenate(kind -> offLoop.run(() ->
                                DemoPictures.writeJpeg(kind.draw().apply(patientId * 31 + kind.category().hashCode())))
                        .chain(file -> uploads.upload(admin, new UploadCommand(file,
                                        kind.category().toLowerCase() + "-" + patientId + ".jpg", file.toFile().length(),
                                        Long.toString(patientId), null, null, kind.category(), kind.title(),
                                        "演示数据 generated demo picture", kind.visibility()))
                                .eventually(() -> offLoop.run(() -> Files.deleteIfExists(file)))))
                .collect().asList()
                .map(List::size);
    }

}
