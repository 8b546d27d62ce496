// Consumer of the installed NuGet package (tests/csharp/main.rs, package test): compiled against
// lib/netstandard2.0/Interop.Conformance.dll only, so it sees the public layer exactly as a user does.

using System;
using Interop.Conformance;

internal static class Consumer
{
    private static int Main()
    {
        Vec2f32 doubled = Conformance.MyGameFunction(new Vec2f32(1.5f, 2, 3));
        Vec2f32 fallback = Conformance.MyGameFunction(null);
        Counter counter = Counter.New(40);
        ulong count = counter.Increment(2);
        Counter.Destroy(counter);
        string panic = "none";
        try
        {
            Conformance.PanicIf(true);
        }
        catch (RustPanicException e)
        {
            panic = e.Message;
        }
        Console.WriteLine("my_game_function: (" + doubled.X + ", " + doubled.Y + ", " + doubled.Z + ")");
        Console.WriteLine("my_game_function(null): (" + fallback.X + ", " + fallback.Y + ", " + fallback.Z + ")");
        Console.WriteLine("counter: " + count);
        Console.WriteLine("panic: " + panic);
        Console.WriteLine("max players: " + Conformance.MaxPlayers);
        return 0;
    }
}
