/*
 * A service's consuming `close(self) -> Result<(), E>` from C (ADR 34): nothing special in C.
 * journal_close() runs the Rust close and consumes the value (the handle stays, empty: calls on it
 * fail through the error channel), journal_free() frees the handle once, whatever close returned.
 * The fixture's Journal.close adds its entries to services_journal_saved(), fails with
 * OPEN_ERROR_RESERVED for 13 entries and panics for 99. A handle freed without close saves nothing.
 * Valid C99 and C++17; runs under valgrind.
 *
 * Prints "N passed, M failed" and exits non-zero when anything failed.
 */
#include "conformance.h"
#include "check.h"

/* A journal with `entries` entries, closed: the status of its close; frees the handle. */
static uint8_t close_with(uint64_t entries) {
    Journal *j = journal_new();
    ResultUnitOpenError r;
    uint8_t status;
    journal_record(j, entries);
    r = journal_close(j);
    status = r.status;
    if (status == INTEROP_STATUS_ERROR) {
        CHECK(r.value.err.value == OPEN_ERROR_RESERVED);
    }
    ResultUnitOpenError_free(&r);
    journal_free(j);
    return status;
}

static void close_consumes(void) {
    int64_t live = services_live();
    int64_t saved = services_journal_saved();
    Journal *j = journal_new();
    ResultUnitOpenError r;
    CHECK(j != NULL && services_live() == live + 1);
    CHECK(journal_record(j, 5) == 5 && no_error());
    r = journal_close(j);
    CHECK(r.status == INTEROP_STATUS_OK && no_error());
    ResultUnitOpenError_free(&r);
    CHECK(services_journal_saved() == saved + 5);
    /* The value was consumed (dropped by close): the handle is empty, calls on it fail. */
    CHECK(services_live() == live);
    CHECK(journal_record(j, 1) == 0 && error_contains("was consumed"));
    r = journal_close(j);
    CHECK(r.status == INTEROP_STATUS_PANIC && error_contains("was consumed"));
    ResultUnitOpenError_free(&r);
    CHECK(services_journal_saved() == saved + 5);
    journal_free(j);
    CHECK(no_error());
}

static void close_errors_and_panics(void) {
    int64_t live = services_live();
    int64_t saved = services_journal_saved();
    CHECK(close_with(13) == INTEROP_STATUS_ERROR && no_error());
    CHECK(services_journal_saved() == saved && services_live() == live);
    CHECK(close_with(99) == INTEROP_STATUS_PANIC);
    CHECK(error_contains("close panic"));
    CHECK(services_live() == live);
    CHECK(close_with(2) == INTEROP_STATUS_OK && services_journal_saved() == saved + 2);
}

static void free_without_close_saves_nothing(void) {
    int64_t live = services_live();
    int64_t saved = services_journal_saved();
    Journal *j = journal_new();
    journal_record(j, 7);
    journal_free(j);
    CHECK(services_journal_saved() == saved && services_live() == live && no_error());
}

int main(void) {
    check_begin();
    close_consumes();
    close_errors_and_panics();
    free_without_close_saves_nothing();
    return check_end();
}
