//! A Leptos hello-world: one heading, mounted the way the app mounts itself.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| view! { <main id="maincontent"><h1 id="hello">"Hello, world!"</h1></main> });
}
