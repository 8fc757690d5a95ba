using System.Runtime.CompilerServices;

// The raw layer passes only blittable types (pointers, integers, handle structs), so the
// runtime never marshals anything behind our back.
[assembly: DisableRuntimeMarshalling]
