package org.gdprsuite.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gdprsuite.events.payload.IncidentDeadlineAlert.Alert;
import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.incident.domain.RiskAssessment.Risk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 72-hour clock of Art. 33(1): deadline, overdue and its two alerts, on the entity alone (no stack). */
@Tag("unit")
class NotificationDeadlineTest {

    private static final Instant AWARE = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration DUE_SOON = Duration.ofHours(12);

    @Test
    void theDeadlineIs72HoursAfterAwareness() {
        assertEquals(Instant.parse("2026-03-05T09:00:00Z"), incident().notifyBy());
    }

    @Test
    void overdueFromTheDeadlineOnWhileTheAuthorityIsNotTold() {
        Incident incident = incident();
        assertFalse(incident.overdue(AWARE.plus(Duration.ofHours(72)).minusSeconds(1)));
        assertTrue(incident.overdue(AWARE.plus(Duration.ofHours(72))));
        incident.authorityNotifiedAt = AWARE.plus(Duration.ofHours(80));
        assertFalse(incident.overdue(AWARE.plus(Duration.ofHours(90))), "told, even late: no longer overdue");
    }

    @Test
    void aBreachWithoutRiskOrClosedIsNeverOverdue() {
        Incident harmless = incident();
        harmless.risk = Risk.NO_RISK;
        assertFalse(harmless.overdue(AWARE.plus(Duration.ofDays(30))));
        assertEquals(Optional.empty(), harmless.alertDue(AWARE.plus(Duration.ofDays(30)), DUE_SOON));
        Incident closed = incident();
        closed.status = Incident.Status.CLOSED;
        assertFalse(closed.overdue(AWARE.plus(Duration.ofDays(30))));
    }

    @Test
    void alertsOnceWhenDueSoonAndOnceWhenOverdue() {
        Incident incident = incident();
        assertEquals(Optional.empty(), incident.alertDue(AWARE.plus(Duration.ofHours(59)), DUE_SOON));
        Instant soon = AWARE.plus(Duration.ofHours(60));
        assertEquals(Optional.of(Alert.DUE_SOON), incident.alertDue(soon, DUE_SOON));
        incident.dueSoonAlertedAt = soon;
        assertEquals(Optional.empty(), incident.alertDue(AWARE.plus(Duration.ofHours(71)), DUE_SOON));
        Instant late = AWARE.plus(Duration.ofHours(72));
        assertEquals(Optional.of(Alert.OVERDUE), incident.alertDue(late, DUE_SOON));
        incident.overdueAlertedAt = late;
        assertEquals(Optional.empty(), incident.alertDue(AWARE.plus(Duration.ofHours(100)), DUE_SOON));
    }

    @Test
    void aBreachFoundAlreadyOverdueGetsTheOverdueAlertOnly() {
        Incident incident = incident();
        Instant late = AWARE.plus(Duration.ofHours(75));
        assertEquals(Optional.of(Alert.OVERDUE), incident.alertDue(late, DUE_SOON));
        incident.overdueAlertedAt = late;
        assertEquals(Optional.empty(), incident.alertDue(late.plusSeconds(60), DUE_SOON));
    }

    @Test
    void noAlertOnceTheAuthorityIsTold() {
        Incident incident = incident();
        incident.authorityNotifiedAt = AWARE.plus(Duration.ofHours(1));
        assertEquals(Optional.empty(), incident.alertDue(AWARE.plus(Duration.ofHours(65)), DUE_SOON));
        assertEquals(Optional.empty(), incident.alertDue(AWARE.plus(Duration.ofHours(80)), DUE_SOON));
    }

    private static Incident incident() {
        Incident incident = new Incident();
        incident.status = Incident.Status.TRIAGED;
        incident.awareAt = AWARE;
        return incident;
    }
}
