// A user's C# program against the hello_world example's generated API.
using System;
using My.Company;

class Hello
{
    static int Main()
    {
        Vec2f32 a = InteropClass.MyGameFunction(null);
        Vec2f32 b = InteropClass.MyGameFunction(new Vec2f32(1, 1, 1));
        Console.WriteLine("{0} {1} {2} / {3} {4} {5}", a.X, a.Y, a.Z, b.X, b.Y, b.Z);
        return 0;
    }
}
