//! Hello world.
