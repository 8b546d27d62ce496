/* A user's C program against the kvstore example's header: open a store file, put and get,
 * a snapshot, errors through the Result status and the error channel, a listener with a context,
 * 8 threads on one store, save and reopen. Exits 0 and prints "ok" when every check passes. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kvstore.h"

static int failures = 0;
#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

static Str str(const char *s) {
    Str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static SliceU8 bytes(const char *s) {
    SliceU8 v;
    v.ptr = (const uint8_t *)s;
    v.len = strlen(s);
    return v;
}

/* The value under `key` as text equals `expected` (NULL: no value). */
static int has(KvStore *db, const char *key, const char *expected) {
    OptionString got = kv_store_get(db, str(key));
    int same = expected == NULL ? !got.is_some
                                : got.is_some && got.value.len == strlen(expected) &&
                                      memcmp(got.value.ptr, expected, got.value.len) == 0;
    OptionString_free(&got);
    return same;
}

/* The listener's context: counts the puts it hears about, from any thread. */
typedef struct Counter {
    pthread_mutex_t lock;
    int puts;
    int dropped;
} Counter;

static void count_put(void *context, Str key) {
    Counter *c = (Counter *)context;
    (void)key;
    pthread_mutex_lock(&c->lock);
    c->puts++;
    pthread_mutex_unlock(&c->lock);
}

static void drop_counter(void *context) {
    ((Counter *)context)->dropped++;
}

typedef struct Worker {
    KvStore *db;
    int id;
    int ok;
} Worker;

static void *work(void *arg) {
    Worker *w = (Worker *)arg;
    char key[32], value[32];
    int i;
    w->ok = 1;
    for (i = 0; i < 200; i++) {
        ResultUnitKvError put;
        sprintf(key, "t%d-%d", w->id, i);
        sprintf(value, "v%d", i);
        put = kv_store_put(w->db, str(key), bytes(value));
        if (put.status != INTEROP_STATUS_OK || !has(w->db, key, value)) w->ok = 0;
        ResultUnitKvError_free(&put);
    }
    return NULL;
}

int main(int argc, char **argv) {
    char path[1024];
    const uint32_t *pending = interop_panic_pending();
    if (argc != 2) return 2;
    if (!kvstore_library_matches()) {
        const char *found = interop_inventory_hash();
        printf("this program was built for kvstore %s, the library is %s\n", KVSTORE_INVENTORY_HASH,
               found != NULL ? found : "(none)");
        return 3;
    }
    snprintf(path, sizeof path, "%s/db.kv", argv[1]);

    /* Errors of a fallible constructor: the status and the typed error with its message. */
    {
        ResultKvStoreKvError r = kv_store_open(str(""));
        CHECK(r.status == INTEROP_STATUS_ERROR && r.value.err.value.tag == KV_ERROR_EMPTY_PATH);
        ResultKvStoreKvError_free(&r);
        r = kv_store_open(str("/no/such/dir/db.kv"));
        CHECK(r.status == INTEROP_STATUS_ERROR &&
              r.value.err.value.tag == KV_ERROR_MISSING_DIRECTORY);
        if (r.status == INTEROP_STATUS_ERROR) {
            String *m = &r.value.err.message;
            const char *want = "the directory `/no/such/dir` does not exist";
            CHECK(m->len == strlen(want) && memcmp(m->ptr, want, m->len) == 0);
        }
        ResultKvStoreKvError_free(&r);
    }

    {
        ResultKvStoreKvError opened = kv_store_open(str(path));
        KvStore *db;
        Snapshot *snap;
        Counter counter;
        CallbackStr listener;
        ResultUnitKvError put;
        VecString keys;
        pthread_t threads[8];
        Worker workers[8];
        int i;

        CHECK(opened.status == INTEROP_STATUS_OK);
        if (opened.status != INTEROP_STATUS_OK) return 1;
        db = opened.value.ok;
        CHECK(live_objects() == 1);

        pthread_mutex_init(&counter.lock, NULL);
        counter.puts = 0;
        counter.dropped = 0;
        listener.call = count_put;
        listener.context = &counter;
        listener.drop = drop_counter;
        kv_store_on_put(db, listener);

        put = kv_store_put(db, str("greeting"), bytes("hello"));
        CHECK(put.status == INTEROP_STATUS_OK);
        ResultUnitKvError_free(&put);
        put = kv_store_put(db, str(""), bytes("x"));
        CHECK(put.status == INTEROP_STATUS_ERROR && put.value.err.value.tag == KV_ERROR_EMPTY_KEY);
        ResultUnitKvError_free(&put);
        CHECK(has(db, "greeting", "hello"));
        CHECK(has(db, "missing", NULL));
        {
            static const uint8_t raw[] = {0xff, 0x00, 0x01};
            SliceU8 value;
            OptionVecU8 got;
            value.ptr = raw;
            value.len = sizeof raw;
            put = kv_store_put(db, str("binary"), value);
            ResultUnitKvError_free(&put);
            CHECK(has(db, "binary", NULL)); /* not UTF-8: no text */
            got = kv_store_get_bytes(db, str("binary"));
            CHECK(got.is_some && got.value.len == 3 && memcmp(got.value.ptr, raw, 3) == 0);
            OptionVecU8_free(&got);
        }

        snap = kv_store_snapshot(db);
        CHECK(live_objects() == 2);
        CHECK(kv_store_delete(db, str("binary")));
        CHECK(!kv_store_delete(db, str("binary")));
        CHECK(snapshot_len(snap) == 2 && kv_store_len(db) == 1);
        {
            OptionString old = snapshot_get(snap, str("greeting"));
            CHECK(old.is_some && old.value.len == 5);
            OptionString_free(&old);
        }
        snapshot_free(snap);

        for (i = 0; i < 8; i++) {
            workers[i].db = db;
            workers[i].id = i;
            pthread_create(&threads[i], NULL, work, &workers[i]);
        }
        for (i = 0; i < 8; i++) {
            pthread_join(threads[i], NULL);
            CHECK(workers[i].ok);
        }
        CHECK(kv_store_len(db) == 1 + 8 * 200);
        CHECK(counter.puts == 2 + 8 * 200);

        {
            KvStore *other = kv_store_in_memory();
            put = kv_store_put(other, str("merged"), bytes("yes"));
            ResultUnitKvError_free(&put);
            kv_store_merge(db, other);
            /* The same store twice in one call: an error of the channel, not a deadlock. */
            kv_store_merge(db, db);
            CHECK(*pending == 1);
            {
                uint32_t kind = 0;
                char *message = interop_take_error(&kind);
                CHECK(kind == INTEROP_ERROR_SERVICE_REENTRANT);
                interop_string_free(message);
            }
            kv_store_free(other);
        }
        CHECK(has(db, "merged", "yes"));

        keys = kv_store_keys(db);
        CHECK(keys.len == 1 + 8 * 200 + 1);
        CHECK(keys.len > 0 && keys.ptr[0].len == 8 && memcmp(keys.ptr[0].ptr, "greeting", 8) == 0);
        VecString_free(&keys);

        /* Saving consumes the value: the handle stays until freed, and later calls report it. */
        put = kv_store_close(db);
        CHECK(put.status == INTEROP_STATUS_OK);
        ResultUnitKvError_free(&put);
        CHECK(counter.dropped == 1);
        CHECK(live_objects() == 0);
        (void)kv_store_len(db);
        {
            uint32_t kind = 0;
            char *message = interop_take_error(&kind);
            CHECK(kind == INTEROP_ERROR_SERVICE_CONSUMED);
            interop_string_free(message);
        }
        kv_store_free(db);
        pthread_mutex_destroy(&counter.lock);
    }

    /* Reopened: what was saved is there. */
    {
        ResultKvStoreKvError again = kv_store_open(str(path));
        CHECK(again.status == INTEROP_STATUS_OK);
        if (again.status == INTEROP_STATUS_OK) {
            CHECK(kv_store_len(again.value.ok) == 1 + 8 * 200 + 1);
            CHECK(has(again.value.ok, "greeting", "hello"));
            kv_store_free(again.value.ok);
        }
    }
    CHECK(live_objects() == 0);
    CHECK(*pending == 0);
    if (failures == 0) printf("ok\n");
    return failures != 0;
}
