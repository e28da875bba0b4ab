pub mod seeded;
