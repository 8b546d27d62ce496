"""A user's Python script against the hello_world example's installed wheel."""

import hello_world as hw

a = hw.my_game_function(None)
b = hw.my_game_function(hw.Vec2f32(1.0, 1.0, 1.0))
print(f"{a.x:g} {a.y:g} {a.z:g} / {b.x:g} {b.y:g} {b.z:g}")
print(repr(b))
