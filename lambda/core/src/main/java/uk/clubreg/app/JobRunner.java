package uk.clubreg.app;

import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/** Hands each job to its handler; the switch is exhaustive, so a new job type cannot go unhandled. */
final class JobRunner implements JobHandler<Job> {

    private final JobHandler<Job.SendInvitation> sendInvitation;
    private final JobHandler<Job.InboundMessage> inboundMessage;
    private final JobHandler<Job.ResendAsTemplate> resendAsTemplate;

    JobRunner(JobHandler<Job.SendInvitation> sendInvitation, JobHandler<Job.InboundMessage> inboundMessage,
              JobHandler<Job.ResendAsTemplate> resendAsTemplate) {
        this.sendInvitation = sendInvitation;
        this.inboundMessage = inboundMessage;
        this.resendAsTemplate = resendAsTemplate;
    }

    @Override
    public void handle(Job job) {
        switch (job) {
            case Job.SendInvitation send -> sendInvitation.handle(send);
            case Job.InboundMessage inbound -> inboundMessage.handle(inbound);
            case Job.ResendAsTemplate resend -> resendAsTemplate.handle(resend);
        }
    }
}
