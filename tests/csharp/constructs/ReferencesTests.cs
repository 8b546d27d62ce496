// References (fixture feature `references`): `Option<&T>` (T?), `&mut T` (ref), `Option<&mut T>`
// (ref T?) and `&T` parameters; NULL for a required reference, through the raw layer, is an error
// on the panic channel. See Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ReferencesTests
    {
        internal static void Run()
        {
            OptionalInput();
            RefParameters();
        }

        private static void OptionalInput()
        {
            Vec2f32 d = Conformance.MyGameFunction(new Vec2f32(1, 2, 3));
            Eq(d.X, 2f, "MyGameFunction.X");
            Eq(d.Y, 4f, "MyGameFunction.Y");
            Eq(d.Z, 6f, "MyGameFunction.Z");
            Vec2f32 n = Conformance.MyGameFunction(null);
            Check(n.X == 2 && n.Y == 4 && n.Z == 6, "MyGameFunction(null) = (2, 4, 6)");
        }

        private static void RefParameters()
        {
            var v = new Vec2f32(1, -2, 3);
            Conformance.VecDoubleInPlace(ref v);
            Check(v.X == 2 && v.Y == -4 && v.Z == 6, "VecDoubleInPlace");

            Vec2f32? maybe = new Vec2f32(5, 5, 5);
            Eq(Conformance.VecReset(ref maybe), true, "VecReset(some)");
            Check(maybe.HasValue && maybe.Value.X == 1 && maybe.Value.Y == 1 && maybe.Value.Z == 1, "VecReset wrote (1, 1, 1)");
            Vec2f32? none = null;
            Eq(Conformance.VecReset(ref none), false, "VecReset(null)");
            Check(!none.HasValue, "VecReset(null) leaves null");

            Eq(Conformance.VecX(new Vec2f32(7.5f, 0, 0)), 7.5f, "VecX");
            Vec2f32 byRef = new Vec2f32(-2.25f, 3, 4);
            Eq(Conformance.VecX(ref byRef), -2.25f, "VecX(ref v), the ref overload");
            Check(byRef.X == -2.25f && byRef.Y == 3, "VecX(ref v) leaves v");

            // NULL for `&T` is not expressible in the public layer; through the raw layer it is an
            // error (not undefined behaviour): a refused argument, thrown as an ArgumentException.
            float x = ConformanceNative.vec_x(null);
            Eq(x, 0f, "raw vec_x(NULL) returns the panic value 0");
            Check(*ConformanceNative.PanicPending != 0, "raw vec_x(NULL) leaves a pending error");
            Refuses(() => ConformanceNative.ThrowPendingPanic(), "argument `v` of `vec_x` must not be null", "v", "vec_x(NULL)");
        }
    }
}
