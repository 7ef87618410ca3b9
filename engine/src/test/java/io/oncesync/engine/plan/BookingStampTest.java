package io.oncesync.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BookingStampTest {

    @Test
    @DisplayName("a Description carries a booking's stamp anywhere in it, but not the stamp of a longer id")
    void carries() {
        assertThat(BookingStamp.carries("OnceHub booking BKNG-1\nGuest: Jo", "BKNG-1")).isTrue();
        assertThat(BookingStamp.carries("Bring the contract\n\nOnceHub booking BKNG-1", "BKNG-1")).isTrue();
        assertThat(BookingStamp.carries("OnceHub booking BKNG-12", "BKNG-1")).isFalse();
        assertThat(BookingStamp.carries("OnceHub booking BKNG-1-B", "BKNG-1")).isFalse();
        assertThat(BookingStamp.carries("OnceHub booking BKNG-12 and OnceHub booking BKNG-1.", "BKNG-1")).isTrue();
        assertThat(BookingStamp.carries("the guest mentioned BKNG-1", "BKNG-1")).isFalse();
        assertThat(BookingStamp.carries(null, "BKNG-1")).isFalse();
    }

    @Test
    @DisplayName("the stamp goes on its own line after a Description, alone for a blank one, and never twice")
    void appended() {
        assertThat(BookingStamp.appendedTo("Bring the contract", "BKNG-1"))
                .isEqualTo("Bring the contract\n\nOnceHub booking BKNG-1");
        assertThat(BookingStamp.appendedTo(" ", "BKNG-1")).isEqualTo("OnceHub booking BKNG-1");
        assertThat(BookingStamp.appendedTo(null, "BKNG-1")).isEqualTo("OnceHub booking BKNG-1");
        assertThat(BookingStamp.appendedTo("OnceHub booking BKNG-1\nGuest: Jo", "BKNG-1"))
                .isEqualTo("OnceHub booking BKNG-1\nGuest: Jo");
        assertThatThrownBy(() -> BookingStamp.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bookingId is blank");
    }
}
