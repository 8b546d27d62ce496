/* A user's C program against the hello_world example's generated header. */
#include <stdio.h>

#include "hello_world.h"

int main(void) {
    const uint32_t *pending = interop_panic_pending();
    Vec2f32 in = {1.0f, 1.0f, 1.0f};
    Vec2f32 a = my_game_function(NULL);
    Vec2f32 b = my_game_function(&in);
    printf("%g %g %g / %g %g %g\n", a.x, a.y, a.z, b.x, b.y, b.z);
    return *pending != 0;
}
